export default function PublicLayout({ children }: { children: React.ReactNode }) {
  return (
    <main className="flex min-h-screen items-center justify-center p-6">
      <div className="w-full max-w-md rounded-xl border border-slate-200 bg-white p-8 shadow-sm">
        <p className="mb-6 text-lg font-semibold text-indigo-700">Vertask</p>
        {children}
      </div>
    </main>
  );
}
