CREATE TABLE "studio_sessions" (
	"id" text PRIMARY KEY NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "asset_origins" (
	"asset_id" text PRIMARY KEY NOT NULL,
	"from_job_id" text NOT NULL,
	"from_position" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "share_previews" (
	"id" text PRIMARY KEY NOT NULL,
	"preview_sha256" text NOT NULL,
	"bytes" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "result_restores" (
	"job_id" text NOT NULL,
	"position" integer NOT NULL,
	"generated_asset_id" text NOT NULL,
	"state" text NOT NULL,
	"reason" text,
	"changed_share" real,
	"mean_delta" real,
	"shift_x" real,
	"shift_y" real,
	"scale" real,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "maintenance_runs" (
	"name" text PRIMARY KEY NOT NULL,
	"holder" text NOT NULL,
	"lease_expires_at" timestamp with time zone NOT NULL,
	"last_finished_at" timestamp with time zone,
	"last_report" jsonb
);
--> statement-breakpoint
ALTER TABLE "asset_origins" ADD CONSTRAINT "asset_origins_asset_id_assets_id_fk" FOREIGN KEY ("asset_id") REFERENCES "public"."assets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "asset_origins" ADD CONSTRAINT "asset_origins_from_job_id_jobs_id_fk" FOREIGN KEY ("from_job_id") REFERENCES "public"."jobs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "result_restores" ADD CONSTRAINT "result_restores_job_id_jobs_id_fk" FOREIGN KEY ("job_id") REFERENCES "public"."jobs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "result_restores" ADD CONSTRAINT "result_restores_generated_asset_id_assets_id_fk" FOREIGN KEY ("generated_asset_id") REFERENCES "public"."assets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "studio_sessions_expires_idx" ON "studio_sessions" USING btree ("expires_at");--> statement-breakpoint
CREATE INDEX "asset_origins_from_idx" ON "asset_origins" USING btree ("from_job_id","from_position");--> statement-breakpoint
CREATE UNIQUE INDEX "result_restores_job_position_idx" ON "result_restores" USING btree ("job_id","position");