import type { ReactNode } from "react";
import { PAGE_STYLE } from "@/lib/http/page-style";

export const metadata = { title: "Product XYZ" };

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <head>
        <style>{PAGE_STYLE}</style>
      </head>
      <body>
        <main>{children}</main>
      </body>
    </html>
  );
}
