"use client";

/**
 * A form for a change with lasting effect: it asks `question` before it submits. Without JavaScript it posts
 * at once, as every form here does. With no question it is a plain form.
 */
export function ConfirmedForm({ question, ...form }: React.ComponentProps<"form"> & { question: string | null }) {
  return (
    <form
      {...form}
      onSubmit={(event) => {
        if (question && !confirm(question)) event.preventDefault();
      }}
    />
  );
}
