CREATE TABLE "asset_origins" (
	"asset_id" text PRIMARY KEY NOT NULL,
	"from_job_id" text NOT NULL,
	"from_position" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "asset_origins" ADD CONSTRAINT "asset_origins_asset_id_assets_id_fk" FOREIGN KEY ("asset_id") REFERENCES "public"."assets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "asset_origins" ADD CONSTRAINT "asset_origins_from_job_id_jobs_id_fk" FOREIGN KEY ("from_job_id") REFERENCES "public"."jobs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "asset_origins_from_idx" ON "asset_origins" USING btree ("from_job_id","from_position");