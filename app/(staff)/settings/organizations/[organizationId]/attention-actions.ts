"use server";
import { revalidatePath } from "next/cache";
import { formAction } from "@/lib/actions/form-action";
import { attentionThresholdsForm, saveAttentionThresholds } from "@/lib/devices/attention-thresholds";

export const saveAttentionThresholdsAction = formAction("superuser", attentionThresholdsForm, async (input, actor) => {
  const message = await saveAttentionThresholds(actor, input);
  // The device list, a device's page and the overview count show the reasons worked out again.
  revalidatePath("/", "layout");
  return message;
});
