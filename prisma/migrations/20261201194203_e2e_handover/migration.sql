/*
  Warnings:

  - You are about to drop the column `shortCode` on the `Exchange` table. All the data in the column will be lost.
  - You are about to drop the column `businessData` on the `Request` table. All the data in the column will be lost.

*/
-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "ExchangeState" ADD VALUE 'AWAITING_REQUESTER_KEY';
ALTER TYPE "ExchangeState" ADD VALUE 'AWAITING_PROCESSOR_KEY';
ALTER TYPE "ExchangeState" ADD VALUE 'ABANDONED';

-- AlterTable
ALTER TABLE "Exchange" DROP COLUMN "shortCode",
ADD COLUMN     "commitment" TEXT,
ALTER COLUMN "state" DROP DEFAULT;

-- AlterTable
ALTER TABLE "Request" DROP COLUMN "businessData",
ADD COLUMN     "closedAt" TIMESTAMP(3),
ADD COLUMN     "identificationHandle" TEXT,
ADD COLUMN     "purgedAt" TIMESTAMP(3),
ALTER COLUMN "identification" DROP NOT NULL,
ALTER COLUMN "preview" DROP NOT NULL,
ALTER COLUMN "latitude" DROP NOT NULL,
ALTER COLUMN "longitude" DROP NOT NULL;

-- CreateIndex
CREATE INDEX "Exchange_state_createdAt_idx" ON "Exchange"("state", "createdAt");

-- CreateIndex
CREATE INDEX "Request_closedAt_idx" ON "Request"("closedAt");

-- What earlier versions left behind: plaintext business data and answers in
-- the session log, server-made short codes. The data column went above.
UPDATE "ExchangeEvent" SET "payload" = '{"sealed": null}'::jsonb WHERE "type" IN ('data_handed_over', 'payment_confirmation');
DELETE FROM "ExchangeEvent" WHERE "type" = 'code_shown';
-- Requests closed before this migration start their retention window now.
UPDATE "Request" SET "closedAt" = "updatedAt" WHERE "status" IN ('DONE', 'CANCELLED', 'EXPIRED');

-- Submit without business data: the phone keeps it and sends only its preview.
DROP FUNCTION "nx_submit_request"(TEXT, TEXT, TEXT, "BusinessDataType", JSONB, TEXT, DOUBLE PRECISION, DOUBLE PRECISION, DOUBLE PRECISION, "SendTrigger", TIMESTAMP(3), TIMESTAMP(3), INTEGER, JSONB);

CREATE FUNCTION "nx_submit_request"(
    p_id TEXT,
    p_requester_id TEXT,
    p_identification TEXT,
    p_identification_handle TEXT,
    p_type "BusinessDataType",
    p_preview TEXT,
    p_latitude DOUBLE PRECISION,
    p_longitude DOUBLE PRECISION,
    p_accuracy_meters DOUBLE PRECISION,
    p_trigger "SendTrigger",
    p_deadline TIMESTAMP(3),
    p_now TIMESTAMP(3),
    p_max_open INTEGER,
    p_event_payload JSONB
) RETURNS TABLE ("openCount" INTEGER, "accepted" BOOLEAN, "displayName" TEXT)
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
    v_open INTEGER;
    v_display_name TEXT;
BEGIN
    -- Concurrent submits of one requester queue here, one after another (see 20261130064500_submit_request_function).
    SELECT u."displayName" INTO v_display_name FROM "User" u WHERE u."id" = p_requester_id FOR UPDATE;
    SELECT count(*) INTO v_open FROM "Request" r
     WHERE r."requesterId" = p_requester_id AND r."status" = 'OPEN' AND (r."deadline" IS NULL OR r."deadline" > p_now);
    IF v_open >= p_max_open THEN
        RETURN QUERY SELECT v_open, FALSE, v_display_name;
        RETURN;
    END IF;
    INSERT INTO "Request" ("id", "requesterId", "identification", "identificationHandle", "type", "preview", "latitude", "longitude",
                           "accuracyMeters", "trigger", "deadline", "status", "createdAt", "updatedAt")
    VALUES (p_id, p_requester_id, p_identification, p_identification_handle, p_type, p_preview, p_latitude, p_longitude,
            p_accuracy_meters, p_trigger, p_deadline, 'OPEN', p_now, p_now);
    INSERT INTO "ExchangeEvent" ("requestId", "type", "payload", "createdAt") VALUES (p_id, 'submitted', p_event_payload, p_now);
    RETURN QUERY SELECT v_open, TRUE, v_display_name;
END
$$;
