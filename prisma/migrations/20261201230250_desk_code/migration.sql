/*
  Warnings:

  - A unique constraint covering the columns `[deskCode]` on the table `ProcessorRegistration` will be added. If there are existing duplicate values, this will fail.

*/
-- AlterTable
ALTER TABLE "ProcessorRegistration" ADD COLUMN     "deskCode" TEXT;

-- AlterTable
ALTER TABLE "Request" ADD COLUMN     "targetProcessorId" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "ProcessorRegistration_deskCode_key" ON "ProcessorRegistration"("deskCode");

-- CreateIndex
CREATE INDEX "Request_targetProcessorId_status_idx" ON "Request"("targetProcessorId", "status");

-- The submit function takes the target desk (null: matched by position). See 20261201194203_e2e_handover for the rest.
DROP FUNCTION "nx_submit_request"(TEXT, TEXT, TEXT, TEXT, "BusinessDataType", TEXT, DOUBLE PRECISION, DOUBLE PRECISION, DOUBLE PRECISION, "SendTrigger", TIMESTAMP(3), TIMESTAMP(3), INTEGER, JSONB);

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
    p_event_payload JSONB,
    p_target_processor_id TEXT
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
                           "accuracyMeters", "trigger", "deadline", "status", "createdAt", "updatedAt", "targetProcessorId")
    VALUES (p_id, p_requester_id, p_identification, p_identification_handle, p_type, p_preview, p_latitude, p_longitude,
            p_accuracy_meters, p_trigger, p_deadline, 'OPEN', p_now, p_now, p_target_processor_id);
    INSERT INTO "ExchangeEvent" ("requestId", "type", "payload", "createdAt") VALUES (p_id, 'submitted', p_event_payload, p_now);
    RETURN QUERY SELECT v_open, TRUE, v_display_name;
END
$$;
