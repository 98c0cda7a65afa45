-- Shoppers' photos in the database (COMPTOIR_PHOTO_STORE=database), so every portal and worker on it
-- reads the same ones: the bytes, their type and size, and the owner session while still pending.
CREATE TABLE "photos" (
	"key" text PRIMARY KEY NOT NULL,
	"owner" text,
	"content_type" text NOT NULL,
	"bytes" "bytea" NOT NULL,
	"size" integer NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE INDEX "photos_pending_owner_idx" ON "photos" USING btree ("owner") WHERE "photos"."owner" is not null;--> statement-breakpoint
CREATE INDEX "photos_pending_created_at_idx" ON "photos" USING btree ("created_at") WHERE "photos"."owner" is not null;--> statement-breakpoint
-- JPEG, PNG and WebP are compressed already: store the bytes out of line without trying again.
ALTER TABLE "photos" ALTER COLUMN "bytes" SET STORAGE EXTERNAL;