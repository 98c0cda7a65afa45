import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { renderLabelPdf, renderQrPng } from './label-document.server';

const to = { name: 'Entrepôt Comptoir', company: null, address1: '12 rue des Retours', address2: null, city: 'Lyon', province: null, zip: '69002', countryCode: 'FR', phone: null };

describe('sandbox return labels', () => {
  it('is a one-page PDF a viewer opens, titled with the tracking number', async () => {
    const bytes = await renderLabelPdf({ carrier: 'Colissimo', trackingNumber: '6A12345678901', reference: 'RMA-1001', from: null, to });
    expect(Buffer.from(bytes.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
    const reopened = await PDFDocument.load(bytes);
    expect(reopened.getPageCount()).toBe(1);
    expect(reopened.getTitle()).toBe('Return label 6A12345678901');
  });

  it('prints names outside Latin-1 instead of failing', async () => {
    const bytes = await renderLabelPdf({ carrier: 'USPS', trackingNumber: '9400', reference: 'R', from: { ...to, name: 'Łukasz 王' }, to });
    expect(bytes.byteLength).toBeGreaterThan(1000);
  });

  it('draws the QR code as a PNG image', async () => {
    const png = await renderQrPng('6A12345678901');
    expect([...png.subarray(1, 4)]).toEqual([0x50, 0x4e, 0x47]);
  });
});
