import { PDFDocument, StandardFonts, rgb } from 'pdf-lib';
import QRCode from 'qrcode';
import type { LabelAddress } from '~/labels/ports';

/*
 * The printable return label and drop-off QR code the sandbox's Loop and AfterShip emulators
 * hand out: a real A6 PDF (sender, recipient, carrier, tracking number as text and as a QR code)
 * and a PNG QR code, so a person trying the sandbox can open, print and scan what a shopper gets.
 */

export type LabelDocument = {
  carrier: string;
  trackingNumber: string;
  /** The return's reference at the provider (RMA, return id), printed on the label. */
  reference: string;
  from: LabelAddress | null;
  to: LabelAddress;
};

const A6 = [297.64, 419.53] as const;

/** The QR code a drop-off point scans: the tracking number, as a PNG. */
export async function renderQrPng(text: string): Promise<Uint8Array> {
  return new Uint8Array(await QRCode.toBuffer(text, { type: 'png', errorCorrectionLevel: 'M', margin: 2, width: 300 }));
}

/** An A6 return label as PDF bytes. Standard fonts only cover Latin-1: other characters print as `?`. */
export async function renderLabelPdf(label: LabelDocument): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  pdf.setTitle(`Return label ${label.trackingNumber}`);
  pdf.setProducer('Comptoir sandbox');
  pdf.setCreationDate(new Date(0));
  pdf.setModificationDate(new Date(0));
  const page = pdf.addPage([...A6]);
  const regular = await pdf.embedFont(StandardFonts.Helvetica);
  const bold = await pdf.embedFont(StandardFonts.HelveticaBold);
  const [width, height] = A6;
  const margin = 18;
  let y = height - margin;

  const write = (text: string, size: number, font = regular) => {
    y -= size + 3;
    page.drawText(toLatin1(text), { x: margin, y, size, font, color: rgb(0, 0, 0) });
  };
  const block = (title: string, address: LabelAddress) => {
    write(title, 7, bold);
    for (const line of addressLines(address)) write(line, 9);
    y -= 6;
  };

  write(label.carrier.toUpperCase(), 16, bold);
  write('RETURN - PREPAID', 9, bold);
  y -= 6;
  if (label.from) block('FROM', label.from);
  block('TO', label.to);
  write(`Reference ${label.reference}`, 8);

  const qr = await pdf.embedPng(await renderQrPng(label.trackingNumber));
  const side = 120;
  page.drawImage(qr, { x: (width - side) / 2, y: margin + 22, width: side, height: side });
  const tracking = toLatin1(label.trackingNumber);
  const size = 10;
  page.drawText(tracking, { x: (width - bold.widthOfTextAtSize(tracking, size)) / 2, y: margin + 6, size, font: bold });
  return pdf.save();
}

function addressLines(address: LabelAddress): string[] {
  return [
    address.name,
    address.company,
    address.address1,
    address.address2,
    [address.zip, address.city].join(' '),
    [address.province, address.countryCode].filter(Boolean).join(', '),
  ].filter((line): line is string => Boolean(line && line.trim()));
}

/** Helvetica (WinAnsi) draws Latin-1; anything else becomes `?` rather than an exception. */
const toLatin1 = (text: string) => text.replace(/[^\u0020-\u007e\u00a0-\u00ff]/g, '?');
