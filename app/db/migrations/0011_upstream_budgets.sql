-- The upstreams' allowances (Shopify's cost bucket, Gorgias' call limit) shared by every portal
-- and worker on this database: one leaky bucket per row, reservations included.
CREATE TABLE "upstream_budgets" (
	"key" text PRIMARY KEY NOT NULL,
	"level" double precision NOT NULL,
	"capacity" double precision NOT NULL,
	"rate_per_second" double precision NOT NULL,
	"at_ms" double precision NOT NULL
);
