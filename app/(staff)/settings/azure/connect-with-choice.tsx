import { ChoiceGroup } from "@/app/_components/choice-group";
import { connectionMethodChoices } from "@/lib/connections/connection-methods";

type Props = {
  offered: boolean;
  method: string;
  errors: Record<string, string[] | undefined>;
  children: React.ReactNode;
};

/**
 * "Connect with": its own app registration (the guide's fields, `children`) or the provider's multi-tenant app. Offered
 * only once the provider's app is entered, so a single organization's form is the guide's. The own app's fields are
 * hidden by CSS alone (:has on the checked radio): the choice works without JavaScript. (The radios' ids have no
 * underscore: Tailwind reads one in a class's brackets as a space.)
 */
export function ConnectWithChoice({ offered, method, errors, children }: Props) {
  if (!offered) return <>{children}</>;
  return (
    <div className="group/connect space-y-5">
      <ChoiceGroup
        name="connectWith"
        legend="Connect with"
        choices={connectionMethodChoices}
        defaultValue={method}
        errors={errors.connectWith}
        choiceId={(value) => `connectWith-${value.replace("_app", "")}`}
      />
      <p className="text-sm text-slate-600 group-has-[#connectWith-own:checked]/connect:hidden">
        The customer&apos;s administrator grants the provider&apos;s app access with the admin consent link on this
        page; no IDs or secret to enter here.
      </p>
      <div className="space-y-5 group-has-[#connectWith-provider:checked]/connect:hidden">{children}</div>
    </div>
  );
}
