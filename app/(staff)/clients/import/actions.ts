"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { formAction } from "@/lib/actions/form-action";
import { importClients, previewClientImport } from "@/lib/clients/import-clients";
import { importContentOf, readImportFile, textOfImportContent } from "@/lib/clients/import-file";

/** What step 1 hands to the page: the preview, and the file to carry to step 2 in the form. */
export type PreviewData = { preview: Awaited<ReturnType<typeof previewClientImport>>; fileName: string; fileContent: string };

const upload = z.object({ file: z.instanceof(File, { message: "Choose a CSV file to import." }) });

export const previewImportAction = formAction("staff", upload, async ({ file }, actor) => {
  const text = await readImportFile(file);
  const preview = await previewClientImport(actor, text);
  const data: PreviewData = { preview, fileName: file.name, fileContent: importContentOf(text) };
  return { message: `Read ${preview.rows.length} rows from ${file.name}.`, data };
});

const carried = z.object({
  fileContent: z.string().min(1, "Upload the file again."),
  fileName: z.string().max(255).default(""),
});

export const importClientsAction = formAction("staff", carried, async ({ fileContent, fileName }, actor) => {
  const { imported } = await importClients(actor, textOfImportContent(fileContent), fileName);
  revalidatePath("/clients");
  return `Imported ${imported} ${imported === 1 ? "client" : "clients"} from ${fileName || "the file"}.`;
});
