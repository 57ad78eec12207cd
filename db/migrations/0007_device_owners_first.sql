CREATE TABLE "sync_device_owners" (
	"run_id" uuid NOT NULL,
	"device_object_id" text NOT NULL,
	"owner_object_id" text,
	CONSTRAINT "sync_device_owners_run_id_device_object_id_pk" PRIMARY KEY("run_id","device_object_id")
);
--> statement-breakpoint
ALTER TABLE "sync_device_owners" ADD CONSTRAINT "sync_device_owners_run_id_sync_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."sync_runs"("id") ON DELETE cascade ON UPDATE no action;