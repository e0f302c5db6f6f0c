-- Submitting a request in one round trip (see src/server/requests/service.ts).
-- The Prisma schema cannot describe functions; this one is created here only.
--
-- Why a function and not one statement with CTEs: a statement reads from one
-- snapshot taken before it waits for the requester's row lock, so two
-- concurrent submits would both count the open requests as they were before
-- either committed and both pass the cap. In PL/pgSQL at READ COMMITTED every
-- statement takes a fresh snapshot, so the count after the lock sees every
-- submit that held the lock before it.
CREATE FUNCTION "nx_submit_request"(
    p_id TEXT,
    p_requester_id TEXT,
    p_identification TEXT,
    p_type "BusinessDataType",
    p_business_data JSONB,
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
    -- Concurrent submits of one requester queue here, one after another.
    SELECT u."displayName" INTO v_display_name FROM "User" u WHERE u."id" = p_requester_id FOR UPDATE;
    SELECT count(*) INTO v_open FROM "Request" r
     WHERE r."requesterId" = p_requester_id AND r."status" = 'OPEN' AND (r."deadline" IS NULL OR r."deadline" > p_now);
    IF v_open >= p_max_open THEN
        RETURN QUERY SELECT v_open, FALSE, v_display_name;
        RETURN;
    END IF;
    INSERT INTO "Request" ("id", "requesterId", "identification", "type", "businessData", "preview", "latitude", "longitude",
                           "accuracyMeters", "trigger", "deadline", "status", "createdAt", "updatedAt")
    VALUES (p_id, p_requester_id, p_identification, p_type, p_business_data, p_preview, p_latitude, p_longitude,
            p_accuracy_meters, p_trigger, p_deadline, 'OPEN', p_now, p_now);
    INSERT INTO "ExchangeEvent" ("requestId", "type", "payload", "createdAt") VALUES (p_id, 'submitted', p_event_payload, p_now);
    RETURN QUERY SELECT v_open, TRUE, v_display_name;
END
$$;
