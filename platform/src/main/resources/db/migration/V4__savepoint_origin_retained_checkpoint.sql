-- Savepoint origins grow: RETAINED_CHECKPOINT (a checkpoint LATEST_STATE restores from) is longer than 16.
ALTER TABLE savepoint ALTER COLUMN origin SET DATA TYPE VARCHAR(32);
