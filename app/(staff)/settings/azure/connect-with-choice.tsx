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
      <fieldset aria-describedby={errors.connectWith?.length ? "connectWith-error" : undefined}>
        <legend className="text-sm font-medium text-slate-700">Connect with</legend>
        <div className="mt-1 flex flex-wrap gap-x-6 gap-y-1">
          {connectionMethodChoices.map((choice) => (
            <label key={choice.value} className="flex items-center gap-2 text-sm">
              <input
                type="radio"
                id={`connectWith-${choice.value.replace("_app", "")}`}
                name="connectWith"
                value={choice.value}
                defaultChecked={method === choice.value}
                className="h-4 w-4 accent-indigo-600"
              />
              {choice.label}
            </label>
          ))}
        </div>
        {errors.connectWith?.length ? (
          <p id="connectWith-error" role="alert" className="mt-1 text-sm text-red-700">
            {errors.connectWith.join(" ")}
          </p>
        ) : null}
      </fieldset>
      <p className="text-sm text-slate-600 group-has-[#connectWith-own:checked]/connect:hidden">
        The customer&apos;s administrator grants the provider&apos;s app access with the admin consent link on this
        page; no IDs or secret to enter here.
      </p>
      <div className="space-y-5 group-has-[#connectWith-provider:checked]/connect:hidden">{children}</div>
    </div>
  );
}
