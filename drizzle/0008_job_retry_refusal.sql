-- Why a failed job cannot be retried (its verdict found the input at fault); null when it can.
ALTER TABLE `jobs` ADD `retry_refusal` text;
