-- Cases of every kind share one table: what only a kind keeps moves into `details` (typed by the
-- kind's schema). Every case so far is a return; its lines, refund method and totals move there.
ALTER TABLE "cases" ADD COLUMN "details" jsonb;--> statement-breakpoint
UPDATE "cases" SET "details" = jsonb_build_object('lines', "lines", 'refundMethod', "refund_method", 'totals', "totals");--> statement-breakpoint
ALTER TABLE "cases" ALTER COLUMN "details" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "cases" DROP COLUMN "lines";--> statement-breakpoint
ALTER TABLE "cases" DROP COLUMN "refund_method";--> statement-breakpoint
ALTER TABLE "cases" DROP COLUMN "totals";
