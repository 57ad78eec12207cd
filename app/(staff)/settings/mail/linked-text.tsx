// A web address in a mail's text becomes a link, as a mail program shows it; the rest stays plain text.
const webAddress = /(https?:\/\/[^\s<>"]+[^\s<>".,;:!?)\]])/g;

export function LinkedText({ text }: { text: string }) {
  return (
    <>
      {text.split(webAddress).map((part, index) =>
        index % 2 === 1 ? (
          <a key={index} href={part} className="break-all">
            {part}
          </a>
        ) : (
          part
        ),
      )}
    </>
  );
}
