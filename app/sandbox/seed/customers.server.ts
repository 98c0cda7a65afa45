/** Demo shoppers. Two of them have several orders, to exercise "which order?" flows. */

export type Customer = {
  firstName: string;
  lastName: string;
  email: string;
  phone: string;
  address1: string;
  address2: string | null;
  city: string;
  province: string | null;
  provinceCode: string | null;
  country: string;
  countryCodeV2: 'FR' | 'CA' | 'US' | 'BE' | 'DE';
  zip: string;
};

type Row = [first: string, last: string, phone: string, address1: string, address2: string | null, city: string, zip: string];

const french = ([firstName, lastName, phone, address1, address2, city, zip]: Row): Customer => ({
  firstName, lastName, phone, address1, address2, city, zip,
  email: `${ascii(firstName)}.${ascii(lastName)}@example.com`,
  province: null, provinceCode: null, country: 'France', countryCodeV2: 'FR',
});

function ascii(text: string): string {
  return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z]/g, '');
}

export const CUSTOMERS = {
  camille: french(['Camille', 'Martin', '+33612345678', '12 rue des Martyrs', 'Bâtiment B, 3e étage', 'Paris', '75009']),
  lucas: french(['Lucas', 'Bernard', '+33623456789', '14 quai Saint-Antoine', null, 'Lyon', '69002']),
  chloe: french(['Chloé', 'Dubois', '+33634567890', '8 cours de l’Intendance', 'Appartement 12', 'Bordeaux', '33000']),
  hugo: french(['Hugo', 'Thomas', '+33645678901', '27 rue Esquermoise', null, 'Lille', '59800']),
  lea: french(['Léa', 'Robert', '+33656789012', '5 place du Bouffay', null, 'Nantes', '44000']),
  manon: french(['Manon', 'Richard', '+33667890123', '19 rue du Taur', null, 'Toulouse', '31000']),
  louis: french(['Louis', 'Petit', '+33678901234', '3 rue des Juifs', 'Code porte 4521', 'Strasbourg', '67000']),
  jade: french(['Jade', 'Durand', '+33689012345', '41 rue Paradis', null, 'Marseille', '13006']),
  gabriel: french(['Gabriel', 'Leroy', '+33690123456', '10 rue de la Monnaie', null, 'Rennes', '35000']),
  ines: french(['Inès', 'Moreau', '+33701234567', '2 rue de la Loge', null, 'Montpellier', '34000']),
  arthur: french(['Arthur', 'Simon', '+33712345678', '56 boulevard Victor Hugo', null, 'Nice', '06000']),
  raphael: french(['Raphaël', 'Laurent', '+33723456789', '7 place Grenette', null, 'Grenoble', '38000']),
  zoe: french(['Zoé', 'Lefebvre', '+33734567890', '15 rue des Forges', null, 'Dijon', '21000']),
  emma: french(['Emma', 'Garcia', '+33745678901', '4 quai Perrière', null, 'Annecy', '74000']),
  sarah: french(['Sarah', 'Girard', '+33756789012', '22 cours Mirabeau', null, 'Aix-en-Provence', '13100']),
  adam: french(['Adam', 'Bonnet', '+33767890123', '9 rue de Vesle', null, 'Reims', '51100']),
  alice: french(['Alice', 'Dupont', '+33778901234', '31 rue Colbert', null, 'Tours', '37000']),
  paul: french(['Paul', 'Lambert', '+33789012345', '6 rue Lenepveu', null, 'Angers', '49100']),
  nathan: french(['Nathan', 'Fontaine', '+33790123456', '18 rue Écuyère', null, 'Caen', '14000']),
  tom: french(['Tom', 'Mercier', '+33601234567', '11 rue Serpenoise', null, 'Metz', '57000']),
  mathis: french(['Mathis', 'Guérin', '+33611223344', '20 place de Jaude', null, 'Clermont-Ferrand', '63000']),
  julie: french(['Julie', 'Muller', '+33622334455', '3 cours Napoléon', null, 'Ajaccio', '20000']),
  leo: french(['Léo', 'Faure', '+33633445566', '45 rue de Siam', null, 'Brest', '29200']),
  olivia: {
    firstName: 'Olivia', lastName: 'Tremblay', email: 'olivia.tremblay@example.com', phone: '+15145550123',
    address1: '3480 rue Saint-Denis', address2: 'App. 5', city: 'Montréal', province: 'Quebec', provinceCode: 'QC',
    country: 'Canada', countryCodeV2: 'CA', zip: 'H2X 3L3',
  },
  eva: {
    firstName: 'Eva', lastName: 'Gagnon', email: 'eva.gagnon@example.com', phone: '+16045550178',
    address1: '1055 Homer Street', address2: 'Suite 1203', city: 'Vancouver', province: 'British Columbia',
    provinceCode: 'BC', country: 'Canada', countryCodeV2: 'CA', zip: 'V6B 1G3',
  },
  noah: {
    firstName: 'Noah', lastName: 'Walker', email: 'noah.walker@example.com', phone: '+17185550147',
    address1: '145 Court Street', address2: 'Apt 3F', city: 'Brooklyn', province: 'New York', provinceCode: 'NY',
    country: 'United States', countryCodeV2: 'US', zip: '11201',
  },
  lina: {
    firstName: 'Lina', lastName: 'Roux', email: 'lina.roux@example.com', phone: '+32470123456',
    address1: 'Rue du Bailli 32', address2: null, city: 'Ixelles', province: null, provinceCode: null,
    country: 'Belgium', countryCodeV2: 'BE', zip: '1050',
  },
  jules: {
    firstName: 'Jules', lastName: 'Fournier', email: 'jules.fournier@example.com', phone: '+4915123456789',
    address1: 'Torstraße 118', address2: null, city: 'Berlin', province: null, provinceCode: null,
    country: 'Germany', countryCodeV2: 'DE', zip: '10115',
  },
} satisfies Record<string, Customer>;

export type CustomerKey = keyof typeof CUSTOMERS;
