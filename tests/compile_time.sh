#!/bin/sh
# Compile time of a graph using every composition form (tests/tests/compile_time_forms.rs)
# against the same nodes wired without them (compile_time_plain.rs): touch + build of each
# test target, alternating, ROUNDS times (default 5). Prints seconds per build and the
# median ratio forms / plain.
set -eu
cd "$(dirname "$0")/.."
rounds=${ROUNDS:-5}
cargo build -q -p hypernodes-tests --test compile_time_forms --test compile_time_plain
for i in $(seq "$rounds"); do
    for which in forms plain; do
        touch "tests/tests/compile_time_$which.rs"
        start=$(date +%s.%N)
        cargo build -q -p hypernodes-tests --test "compile_time_$which"
        end=$(date +%s.%N)
        echo "$which $(echo "$end - $start" | bc)"
    done
done | awk '
    { t[$1] = t[$1] " " $2; print }
    END {
        n = split(t["forms"], f, " "); split(t["plain"], p, " ");
        for (i = 1; i <= n; i++) r[i] = f[i] / p[i];
        # median ratio of the rounds
        for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (r[j] < r[i]) { x = r[i]; r[i] = r[j]; r[j] = x }
        printf "median ratio forms / plain over %d rounds: %.3f\n", n, r[int((n + 1) / 2)]
    }'
