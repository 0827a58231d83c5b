-- B0: the PostgreSQL baseline: one 100-row INSERT ... ON CONFLICT DO UPDATE per transaction,
-- the shape scoring-service uses for its daily counters.
\set base random(1, 1000000)
INSERT INTO bench_counter (unit, day, n)
SELECT 'U' || ((:base + g) % 5000), date '2020-01-01' + ((:base + g) % 366), 1
FROM generate_series(1, 100) g
ON CONFLICT (unit, day) DO UPDATE SET n = bench_counter.n + excluded.n;
