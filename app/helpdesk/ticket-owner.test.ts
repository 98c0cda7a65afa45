import { describe, expect, it } from 'vitest';
import { isOrderCustomerTicket } from './ticket-owner';

const ticketOf = (email: string | null) => ({ customerEmail: email });

describe('isOrderCustomerTicket', () => {
  it('accepts the ticket of the order\'s customer, whatever the case of the address', () => {
    expect(isOrderCustomerTicket(ticketOf('Camille.Martin@Example.com'), 'camille.martin@example.com')).toBe(true);
    expect(isOrderCustomerTicket(ticketOf(' camille.martin@example.com'), 'CAMILLE.MARTIN@example.com ')).toBe(true);
  });

  it('refuses the ticket of another customer, even one whose address only contains the order\'s', () => {
    expect(isOrderCustomerTicket(ticketOf('lucas.bernard@example.com'), 'camille.martin@example.com')).toBe(false);
    expect(isOrderCustomerTicket(ticketOf('xcamille.martin@example.com'), 'camille.martin@example.com')).toBe(false);
  });

  it('refuses when either side has no address to compare', () => {
    expect(isOrderCustomerTicket({ customerEmail: null }, 'camille.martin@example.com')).toBe(false);
    expect(isOrderCustomerTicket(ticketOf(null), 'camille.martin@example.com')).toBe(false);
    expect(isOrderCustomerTicket(ticketOf(''), '')).toBe(false);
    expect(isOrderCustomerTicket(ticketOf('camille.martin@example.com'), null)).toBe(false);
  });
});
