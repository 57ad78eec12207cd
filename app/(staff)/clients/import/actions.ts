"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { formAction } from "@/lib/actions/form-action";
import { importClients, previewClientImport } from "@/lib/clients/import-clients";
import { importContentOf, readImportFile, textOfImportContent } from "@/lib/clients/import-file";
import { organizationChoice } from "@/lib/clients/client-fields";

/** What step 1 hands to the page: the preview, and the file and the organization to carry to step 2 in the form. */
export type PreviewData = {
  preview: Awaited<ReturnType<typeof previewClientImport>>;
  fileName: string;
  fileContent: string;
  organizationId: string | null;
};

const importStep = z.discriminatedUnion("step", [
  z.object({
    step: z.literal("preview"),
    file: z.instanceof(File, { message: "Choose a CSV file to import." }),
    ...organizationChoice.shape,
  }),
  z.object({
    step: z.literal("import"),
    fileContent: z.string().min(1, "Upload the file again."),
    fileName: z.string().max(255).default(""),
    ...organizationChoice.shape,
  }),
]);

/**
 * Both steps of an import, as one action so the page always shows the latest answer: "preview" reads the
 * uploaded file and saves nothing; "import" reads the carried content again and saves every row or none.
 */
export const clientImportAction = formAction("staff", importStep, async (input, actor) => {
  if (input.step === "preview") {
    const text = await readImportFile(input.file);
    const preview = await previewClientImport(actor, text, input.organizationId);
    const data: PreviewData = {
      preview,
      fileName: input.file.name,
      fileContent: importContentOf(text),
      organizationId: input.organizationId,
    };
    return { message: `Read ${preview.totalRows.toLocaleString("en")} rows from ${input.file.name}.`, data };
  }
  const { imported } = await importClients(
    actor,
    textOfImportContent(input.fileContent),
    input.fileName,
    input.organizationId,
  );
  revalidatePath("/clients");
  return `Imported ${imported.toLocaleString("en")} ${imported === 1 ? "client" : "clients"} from ${input.fileName || "the file"}.`;
});
