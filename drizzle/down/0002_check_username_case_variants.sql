-- Down migration for 0002_check_username_case_variants (reviewed): the up migration only checks
-- data and changes nothing, so there is nothing to undo; rollback needs one statement to run.
SELECT 1;
