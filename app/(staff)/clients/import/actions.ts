"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { formAction } from "@/lib/actions/form-action";
import { importClients, previewClientImport } from "@/lib/clients/import-clients";
import { importContentOf, readImportFile, textOfImportContent } from "@/lib/clients/import-file";

/** What step 1 hands to the page: the preview, and the file to carry to step 2 in the form. */
export type PreviewData = { preview: Awaited<ReturnType<typeof previewClientImport>>; fileName: string; fileContent: string };

const importStep = z.discriminatedUnion("step", [
  z.object({ step: z.literal("preview"), file: z.instanceof(File, { message: "Choose a CSV file to import." }) }),
  z.object({ step: z.literal("import"), fileContent: z.string().min(1, "Upload the file again."), fileName: z.string().max(255).default("") }),
]);

/**
 * Both steps of an import, as one action so the page always shows the latest answer: "preview" reads the
 * uploaded file and saves nothing; "import" reads the carried content again and saves every row or none.
 */
export const clientImportAction = formAction("staff", importStep, async (input, actor) => {
  if (input.step === "preview") {
    const text = await readImportFile(input.file);
    const preview = await previewClientImport(actor, text);
    const data: PreviewData = { preview, fileName: input.file.name, fileContent: importContentOf(text) };
    return { message: `Read ${preview.totalRows.toLocaleString("en")} rows from ${input.file.name}.`, data };
  }
  const { imported } = await importClients(actor, textOfImportContent(input.fileContent), input.fileName);
  revalidatePath("/clients");
  return `Imported ${imported.toLocaleString("en")} ${imported === 1 ? "client" : "clients"} from ${input.fileName || "the file"}.`;
});
