#!/bin/sh
# collector.sh — placeholder; the real collector lands with the bundle work.
echo "synolint-bundle 0"
