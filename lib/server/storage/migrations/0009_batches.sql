CREATE TABLE "batch_items" (
	"id" text PRIMARY KEY NOT NULL,
	"batch_id" text NOT NULL,
	"position" integer NOT NULL,
	"asset_id" text NOT NULL,
	"filename" text NOT NULL,
	"ratio" text,
	"state" text NOT NULL,
	"attempt" integer DEFAULT 1 NOT NULL,
	"job_id" text,
	"error_message" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "batches" (
	"id" text PRIMARY KEY NOT NULL,
	"recipe_name" text NOT NULL,
	"recipe" jsonb NOT NULL,
	"mask_id" text,
	"state" text NOT NULL,
	"lease_holder" text,
	"lease_expires_at" timestamp with time zone,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "recipes" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"prompt" text NOT NULL,
	"options" jsonb NOT NULL,
	"reference_ids" jsonb NOT NULL,
	"ratios" jsonb NOT NULL,
	"mask_rule" jsonb NOT NULL,
	"mask_id" text,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "batch_items" ADD CONSTRAINT "batch_items_batch_id_batches_id_fk" FOREIGN KEY ("batch_id") REFERENCES "public"."batches"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "batch_items" ADD CONSTRAINT "batch_items_asset_id_assets_id_fk" FOREIGN KEY ("asset_id") REFERENCES "public"."assets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "batch_items" ADD CONSTRAINT "batch_items_job_id_jobs_id_fk" FOREIGN KEY ("job_id") REFERENCES "public"."jobs"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "batch_items_batch_position_idx" ON "batch_items" USING btree ("batch_id","position");--> statement-breakpoint
CREATE INDEX "batch_items_batch_state_idx" ON "batch_items" USING btree ("batch_id","state");--> statement-breakpoint
CREATE INDEX "batch_items_job_idx" ON "batch_items" USING btree ("job_id");--> statement-breakpoint
CREATE INDEX "batches_state_idx" ON "batches" USING btree ("state");--> statement-breakpoint
CREATE INDEX "batches_created_at_idx" ON "batches" USING btree ("created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "recipes_name_idx" ON "recipes" USING btree ("name");