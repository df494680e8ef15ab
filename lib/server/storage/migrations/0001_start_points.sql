CREATE TABLE "draft_start_points" (
	"browser_id" text PRIMARY KEY NOT NULL,
	"start_point" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "jobs" ADD COLUMN "start_point" text;