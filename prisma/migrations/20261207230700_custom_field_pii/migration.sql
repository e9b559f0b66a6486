-- A tenant marks a custom field as personal data: its values never reach an AI feature
-- (issue #10 item 7).
ALTER TABLE "custom_field_definitions" ADD COLUMN "pii" BOOLEAN NOT NULL DEFAULT false;
