-- One-time codes a shopper types before changing an order's address (app/verification/): the keyed hash
-- of the code only, its tries, and the sends that cap the next ones, one row per session, order and purpose.
CREATE TABLE "one_time_codes" (
	"session_id" text NOT NULL,
	"order_id" text NOT NULL,
	"purpose" text NOT NULL,
	"code_id" text NOT NULL,
	"code_hash" text NOT NULL,
	"issued_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"tries" integer NOT NULL,
	"consumed_at" timestamp with time zone,
	"send_window_start" timestamp with time zone NOT NULL,
	"send_count" integer NOT NULL,
	"last_sent_at" timestamp with time zone NOT NULL,
	"forget_at" timestamp with time zone NOT NULL,
	CONSTRAINT "one_time_codes_session_id_order_id_purpose_pk" PRIMARY KEY("session_id","order_id","purpose")
);
--> statement-breakpoint
CREATE INDEX "one_time_codes_forget_at_idx" ON "one_time_codes" USING btree ("forget_at");