-- Label providers' deliveries name the return they are about, so one that arrives before any case
-- claims that return is found again when a case does (app/labels/apply-parcel-update.server.ts).
ALTER TABLE "webhook_deliveries" ADD COLUMN "subject" text;--> statement-breakpoint
CREATE INDEX "webhook_deliveries_subject_idx" ON "webhook_deliveries" USING btree ("subject");--> statement-breakpoint
UPDATE "webhook_deliveries" SET "subject" = ("event"->>'provider') || ':' || ("event"->>'providerReturnId') WHERE "vendor" <> 'shopify';
