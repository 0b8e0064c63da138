CREATE TABLE "hosted_room_assets" (
	"room_id" uuid NOT NULL,
	"asset_id" text NOT NULL,
	"sha256" text NOT NULL,
	"bytes" integer NOT NULL,
	"data" "bytea" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "hosted_room_assets_room_id_asset_id_pk" PRIMARY KEY("room_id","asset_id")
);
--> statement-breakpoint
CREATE TABLE "hosted_rooms" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"owner_id" uuid NOT NULL,
	"world_name" text NOT NULL,
	"gravity" real NOT NULL,
	"max_players" integer NOT NULL,
	"entities" jsonb NOT NULL,
	"terrain" jsonb NOT NULL,
	"assets" jsonb NOT NULL,
	"invite_hash" text,
	"invite_expires_at" timestamp with time zone,
	"invite_revoked" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"ended_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "hosted_room_assets" ADD CONSTRAINT "hosted_room_assets_room_id_hosted_rooms_id_fk" FOREIGN KEY ("room_id") REFERENCES "public"."hosted_rooms"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hosted_rooms" ADD CONSTRAINT "hosted_rooms_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "idx_hosted_rooms_owner" ON "hosted_rooms" USING btree ("owner_id");