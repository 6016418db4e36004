-- Reverses 0004_monitoring_samples_ts.
DROP INDEX "monitoring_samples_ts_brin_idx";
