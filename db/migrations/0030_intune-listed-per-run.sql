CREATE TABLE "sync_intune_listed" (
	"run_id" uuid NOT NULL,
	"intune_device_id" text NOT NULL,
	CONSTRAINT "sync_intune_listed_run_id_intune_device_id_pk" PRIMARY KEY("run_id","intune_device_id")
);
--> statement-breakpoint
ALTER TABLE "sync_intune_listed" ADD CONSTRAINT "sync_intune_listed_run_id_sync_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."sync_runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "devices" DROP COLUMN "intune_listed_at";