-- Down migration for 0007_add_idempotency_keys (reviewed): undoes ../0007_add_idempotency_keys.sql.
-- Recorded outcomes are lost: a retry after the rollback runs as a first request.
DROP TABLE "idempotency_keys";
