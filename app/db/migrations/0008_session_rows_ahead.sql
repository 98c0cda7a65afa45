-- A lookup writes its session row while Shopify is asked, before the order is known; the row learns
-- its order once Shopify answers, and the cookie's sealed claim names it until then (app/session/token.server.ts).
ALTER TABLE "shopper_sessions" ALTER COLUMN "order_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "shopper_sessions" ALTER COLUMN "order_name" DROP NOT NULL;