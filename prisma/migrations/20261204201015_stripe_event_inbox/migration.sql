-- CreateTable
CREATE TABLE "stripe_event_inbox" (
    "id" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "object_id" TEXT NOT NULL,
    "created_at_stripe" INTEGER NOT NULL,
    "received_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "stripe_event_inbox_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "stripe_event_inbox_received_at_idx" ON "stripe_event_inbox"("received_at");

-- Platform-level like stripe_events (Stripe's ids only, no tenant data): the runtime role only
-- appends to it; whether an event is applied is its row in stripe_events, never an update here.
REVOKE UPDATE, DELETE, TRUNCATE ON stripe_event_inbox FROM civitas_app;
