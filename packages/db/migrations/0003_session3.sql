ALTER TABLE "customer_risks" ADD COLUMN "closed_by" text;--> statement-breakpoint
ALTER TABLE "customer_risks" ADD COLUMN "closed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "customer_risks" ADD COLUMN "close_reason" text;--> statement-breakpoint
ALTER TABLE "portfolio_customer_states" ADD COLUMN "attributes" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "portfolio_customer_states" ADD COLUMN "tier" text;--> statement-breakpoint
ALTER TABLE "portfolio_customer_states" ADD COLUMN "sales_owner" text;--> statement-breakpoint
ALTER TABLE "portfolio_customer_states" ADD COLUMN "industry" text;--> statement-breakpoint
ALTER TABLE "portfolio_customer_states" ADD COLUMN "region" text;--> statement-breakpoint
ALTER TABLE "portfolio_customer_states" ADD COLUMN "parent_code" text;--> statement-breakpoint
ALTER TABLE "customer_risks" ADD CONSTRAINT "customer_risks_closed_ck" CHECK ("customer_risks"."status" = 'closed' or ("customer_risks"."closed_at" is null and "customer_risks"."closed_by" is null and "customer_risks"."close_reason" is null));