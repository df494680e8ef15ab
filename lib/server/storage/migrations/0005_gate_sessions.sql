CREATE TABLE "studio_sessions" (
	"id" text PRIMARY KEY NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE INDEX "studio_sessions_expires_idx" ON "studio_sessions" USING btree ("expires_at");