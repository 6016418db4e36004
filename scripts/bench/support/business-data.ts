/**
 * Vocabulary of the business bench's synthetic subscribers (Indonesian names, streets, towns) and
 * the search terms typed against them. Both sides draw from the same lists, so searches hit the
 * way an operator's would: a first name matches thousands, a full code or phone number one, a typo
 * none.
 */

export const FIRST_NAMES = (
  "Siti Budi Agus Dewi Sri Ahmad Muhammad Rina Andi Wahyu Eko Joko Nur Putri Rizky Dian Indah " +
  "Fitri Hendra Yanti Bambang Slamet Retno Ayu Hadi Iwan Teguh Ratna Yusuf Fajar Rudi Dedi Asep " +
  "Ujang Neng Kadek Made Nyoman Ketut Wayan Ika Lina Nanda Rahmat Arif Bayu Citra Dimas Galih Hana " +
  "Intan Maya Novi Oki Sari Tri Wulan Yoga Zainal Aminah"
).split(" ");

export const LAST_NAMES = (
  "Santoso Wijaya Saputra Hidayat Setiawan Susanto Pratama Kusuma Nugroho Siregar Nasution Harahap " +
  "Simanjuntak Lubis Gunawan Halim Rahman Hakim Putra Wibowo Purnomo Suryadi Hartono Sutrisno " +
  "Kurniawati Lestari Handayani Rahayu Permata Utami Maharani Sulistyo Firmansyah Ramadhan " +
  "Syahputra Manurung Tambunan Panjaitan Sinaga Kurniawan"
).split(" ");

export const STREETS = (
  "Mawar|Melati|Kenanga|Anggrek|Flamboyan|Cempaka|Dahlia|Sudirman|Diponegoro|Gatot Subroto|" +
  "Ahmad Yani|Pahlawan|Merdeka|Kartini|Veteran|Siliwangi|Pemuda|Kebon Jeruk|Kampung Baru|" +
  "Raya Bogor|Masjid Al-Ikhlas|Pasar Baru|Nusantara|Cendrawasih"
).split("|");

export const TOWNS = (
  "Kel. Cibubur, Jakarta Timur|Kel. Pancoran Mas, Depok|Kel. Jatiasih, Bekasi|Kel. Tajur, Bogor|" +
  "Kel. Pamulang, Tangerang Selatan|Kel. Cigugur, Cimahi|Kel. Sukajadi, Bandung|" +
  "Kel. Ngaliyan, Semarang"
).split("|");

export const EMAIL_DOMAINS = ["gmail.com", "gmail.com", "gmail.com", "yahoo.co.id", "yahoo.com", "outlook.com"];

/** Telkomsel, Indosat, XL, Tri and Smartfren prefixes after `+628`. */
export const MOBILE_PREFIXES = (
  "11 12 13 14 15 16 21 22 23 51 52 53 " + "55 56 57 58 59 77 78 81 82 83 95 96 97 98 99"
).split(" ");

/** Plans sold by both bench tenants: [name, down Mbps, up Mbps, price in rupiah, weight]. */
export const PLANS: [string, number, number, number, number][] = [
  ["Pelajar 5 Mbps", 5, 2, 100_000, 10],
  ["Hemat 10 Mbps", 10, 5, 150_000, 30],
  ["Rumah 20 Mbps", 20, 10, 200_000, 30],
  ["Keluarga 30 Mbps", 30, 15, 250_000, 15],
  ["Gamer 50 Mbps", 50, 25, 350_000, 10],
  ["Bisnis 100 Mbps", 100, 50, 600_000, 5],
];

/** A small deterministic PRNG (mulberry32), so every run searches the same terms. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * `n` search terms as operators type them: first names and surnames (thousands of hits), full
 * names, a customer code or part of one, phone numbers in the local `08…` form (prefix or whole
 * number, so the service's `+62` rewrite is exercised), e-mail fragments, and misses.
 */
export function searchTerms(n: number, customers: number, seed = 4): string[] {
  const r = prng(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)] as T;
  const digits = (k: number) => Array.from({ length: k }, () => Math.floor(r() * 10)).join("");
  const kinds: (() => string)[] = [
    () => pick(FIRST_NAMES).toLowerCase(),
    () => pick(FIRST_NAMES),
    () => pick(LAST_NAMES).toLowerCase(),
    () => `${pick(FIRST_NAMES)} ${pick(LAST_NAMES)}`,
    () => `CUST-${String(1 + Math.floor(r() * customers)).padStart(6, "0")}`,
    () => `cust-0${digits(3)}`,
    () => `08${pick(MOBILE_PREFIXES)}${digits(2)}`,
    () => `08${pick(MOBILE_PREFIXES)}${digits(8)}`,
    () => pick(["gmail", "yahoo.co.id", "outlook"]),
    () => `${pick(FIRST_NAMES).toLowerCase()}.${pick(LAST_NAMES).toLowerCase()}`,
    () => pick(["sitti", "budy", "wijayaa", "zulkarnaen", "internet"]),
  ];
  return Array.from({ length: n }, (_, i) => (kinds[i % kinds.length] as () => string)());
}
