CREATE TABLE "share_previews" (
	"id" text PRIMARY KEY NOT NULL,
	"preview_sha256" text NOT NULL,
	"bytes" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
