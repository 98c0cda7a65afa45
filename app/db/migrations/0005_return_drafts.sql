-- The return a shopper session is writing, between the steps of the return form (one row per session).
CREATE TABLE "return_drafts" (
	"session_id" text PRIMARY KEY NOT NULL,
	"order_id" text NOT NULL,
	"draft" jsonb NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE INDEX "return_drafts_updated_at_idx" ON "return_drafts" USING btree ("updated_at");