CREATE TABLE "budgets" (
	"scope" text PRIMARY KEY NOT NULL,
	"limit_micros" bigint,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "cost_ledger" (
	"job_id" text PRIMARY KEY NOT NULL,
	"person_id" text NOT NULL,
	"kind" text NOT NULL,
	"engine" text NOT NULL,
	"currency" text NOT NULL,
	"images" bigint NOT NULL,
	"estimate_micros" bigint NOT NULL,
	"actual_micros" bigint,
	"state" text DEFAULT 'reserved' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"ended_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "cost_settings" (
	"id" text PRIMARY KEY NOT NULL,
	"prices" jsonb NOT NULL,
	"confirm_above_micros" bigint,
	"updated_by" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "cost_ledger_created_at_idx" ON "cost_ledger" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "cost_ledger_person_idx" ON "cost_ledger" USING btree ("person_id","created_at");--> statement-breakpoint
CREATE INDEX "cost_ledger_state_idx" ON "cost_ledger" USING btree ("state");