/*
 * predicate_list.h — every C predicate a rule can call, one line each:
 * PREDICATE(name, scopes, min args, max args (-1: no limit), argspec).
 * argspec has one letter per argument, the last letter repeats:
 *   w word   s string   p path template (absolute or %h/...)   m octal mode
 *   n integer   r PCRE2 regex   o owner (user name or %u)   S sshd status
 *   K sshd keyword (known to OpenSSH 7.4 or 9.2)
 * Adding a predicate is one line here plus one function pred_NAME in the
 * pred_*.c file for its facts area (rules/README.md lists them for users).
 * Nothing else belongs in this file.
 */
/* pred_paths.c */
PREDICATE(path_mode_max,	SC_FILE | SC_USER, 2, 2, "pm")
PREDICATE(path_owner,		SC_FILE | SC_USER, 2, -1, "po")
PREDICATE(path_absent,		SC_FILE | SC_USER, 1, -1, "p")
PREDICATE(path_no_acl,		SC_FILE | SC_USER, 1, -1, "p")
PREDICATE(private_key_mode_max,	SC_USER, 1, 1, "m")
PREDICATE(file_matches,		SC_FILE, 2, 2, "pr")
PREDICATE(file_not_matches,	SC_FILE, 2, 2, "pr")
PREDICATE(strictmodes_ok,	SC_USER, 0, 0, "")
/* pred_users.c */
PREDICATE(uid0_only_root,	SC_HOST, 0, 0, "")
PREDICATE(user_not_enabled,	SC_HOST, 1, -1, "w")
/* pred_sshd.c */
PREDICATE(sshd_value_in,	SC_HOST, 2, -1, "Kw")
PREDICATE(sshd_value_not_in,	SC_HOST, 2, -1, "Kw")
PREDICATE(sshd_value_matches,	SC_HOST, 2, 2, "Kr")
PREDICATE(sshd_int_range,	SC_HOST, 3, 3, "Knn")
PREDICATE(sshd_maxstartups_max,	SC_HOST, 2, 2, "nn")
PREDICATE(sshd_list_excludes,	SC_HOST, 2, -1, "Kw")
PREDICATE(sshd_any_set,		SC_HOST, 1, -1, "K")
PREDICATE(sshd_port_not,	SC_HOST, 1, 1, "n")
PREDICATE(dsm_no_port_line,	SC_HOST, 0, 0, "")
PREDICATE(sshd_directive_status, SC_HOST, 1, -1, "S")
/* pred_dsm.c */
PREDICATE(dsm_autoblock_enabled,	SC_HOST, 0, 0, "")
PREDICATE(dsm_autoblock_limits,	SC_HOST, 3, 3, "nnn")
PREDICATE(dsm_service_off,	SC_HOST, 1, 1, "w")
PREDICATE(dsm_ssh_port_not,	SC_HOST, 1, -1, "n")
PREDICATE(dsm_shell_admins_only, SC_HOST, 0, 0, "")
PREDICATE(dsm_guest_disabled,	SC_HOST, 0, 0, "")
PREDICATE(dsm_acl_no_foreign_write, SC_USER, 1, -1, "p")
PREDICATE(dsm_acl_mode_explained, SC_USER, 1, -1, "p")
PREDICATE(dsm_user_home_for_keys, SC_HOST, 0, 0, "")
PREDICATE(dsm_sshd_port_agrees,	SC_HOST, 0, 0, "")
PREDICATE(dsm_ssh_off_not_listening, SC_HOST, 0, 0, "")
PREDICATE(dsm_version_below,	SC_HOST, 2, 2, "ws")
