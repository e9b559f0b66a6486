-- A briefing written through the Message Batches API keeps its batch and credit hold while it
-- waits (issue #10 item 6).
ALTER TABLE "briefings" ADD COLUMN "batch_id" TEXT,
ADD COLUMN "reservation_id" UUID;
