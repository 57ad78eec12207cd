// Names in the scripts a real directory holds, each with the Latin spelling a mailbox would use.

export type NamePart = { native: string; latin: string };

export type NameScript = {
  script: string;
  weight: number;
  /** Whether the family name comes first and without a space (as in Chinese and Japanese display names). */
  familyFirst: boolean;
  given: NamePart[];
  family: NamePart[];
  language: string;
};

function latinOnly(...names: string[]): NamePart[] {
  return names.map((native) => ({ native, latin: toAsciiLatin(native) }));
}

function pairs(...entries: [string, string][]): NamePart[] {
  return entries.map(([native, latin]) => ({ native, latin }));
}

const SPECIAL_LETTERS: Record<string, string> = {
  ø: "o",
  Ø: "O",
  ł: "l",
  Ł: "L",
  ß: "ss",
  æ: "ae",
  Æ: "Ae",
  đ: "d",
  ı: "i",
  œ: "oe",
};

export function toAsciiLatin(text: string) {
  return text
    .replace(/[øØłŁßæÆđıœ]/g, (letter) => SPECIAL_LETTERS[letter] ?? letter)
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "");
}

export const NAME_SCRIPTS: NameScript[] = [
  {
    script: "Latin",
    weight: 40,
    familyFirst: false,
    language: "en-US",
    given: latinOnly(
      "Emma",
      "Liam",
      "Olivia",
      "Noah",
      "Ava",
      "James",
      "Sophia",
      "Lucas",
      "Mia",
      "Ethan",
      "Grace",
      "Daniel",
      "Ella",
      "Samuel",
      "Chloe",
      "Henry",
    ),
    family: latinOnly(
      "Smith",
      "Johnson",
      "Brown",
      "Taylor",
      "Wilson",
      "Walker",
      "Clarke",
      "Wright",
      "Hughes",
      "Edwards",
      "Turner",
      "Baker",
    ),
  },
  {
    script: "Latin with accents",
    weight: 24,
    familyFirst: false,
    language: "fr-FR",
    given: latinOnly(
      "Zoë",
      "José",
      "Chloé",
      "Åsa",
      "Łukasz",
      "Søren",
      "Renée",
      "Björn",
      "Inês",
      "Jürgen",
      "François",
      "Małgorzata",
      "Zoé",
      "Núria",
      "Ömer",
      "Noémie",
    ),
    family: latinOnly(
      "Müller",
      "Núñez",
      "Æbelø",
      "García",
      "Dvořák",
      "Kovač",
      "Öztürk",
      "Lefèvre",
      "Østergård",
      "Wójcik",
      "Fernández",
      "Ångström",
      "Šimić",
      "Ní Bhriain",
    ),
  },
  {
    script: "Greek",
    weight: 7,
    familyFirst: false,
    language: "el-GR",
    given: pairs(
      ["Γιώργος", "Giorgos"],
      ["Μαρία", "Maria"],
      ["Δημήτρης", "Dimitris"],
      ["Ελένη", "Eleni"],
      ["Νίκος", "Nikos"],
      ["Κατερίνα", "Katerina"],
    ),
    family: pairs(
      ["Παπαδόπουλος", "Papadopoulos"],
      ["Οικονόμου", "Oikonomou"],
      ["Γεωργίου", "Georgiou"],
      ["Νικολάου", "Nikolaou"],
      ["Βασιλείου", "Vasileiou"],
    ),
  },
  {
    script: "Cyrillic",
    weight: 8,
    familyFirst: false,
    language: "ru-RU",
    given: pairs(
      ["Дмитрий", "Dmitry"],
      ["Анна", "Anna"],
      ["Сергей", "Sergey"],
      ["Ольга", "Olga"],
      ["Иван", "Ivan"],
      ["Наталья", "Natalya"],
      ["Олександр", "Oleksandr"],
    ),
    family: pairs(
      ["Иванов", "Ivanov"],
      ["Смирнова", "Smirnova"],
      ["Кузнецов", "Kuznetsov"],
      ["Попова", "Popova"],
      ["Шевченко", "Shevchenko"],
      ["Петров", "Petrov"],
    ),
  },
  {
    script: "Chinese",
    weight: 7,
    familyFirst: true,
    language: "zh-CN",
    given: pairs(
      ["伟", "wei"],
      ["芳", "fang"],
      ["娜", "na"],
      ["秀英", "xiuying"],
      ["敏", "min"],
      ["静", "jing"],
      ["强", "qiang"],
    ),
    family: pairs(["王", "wang"], ["李", "li"], ["张", "zhang"], ["刘", "liu"], ["陈", "chen"], ["杨", "yang"]),
  },
  {
    script: "Japanese",
    weight: 5,
    familyFirst: true,
    language: "ja-JP",
    given: pairs(["健", "ken"], ["陽菜", "hina"], ["大翔", "hiroto"], ["結衣", "yui"], ["蓮", "ren"]),
    family: pairs(
      ["佐藤", "sato"],
      ["鈴木", "suzuki"],
      ["高橋", "takahashi"],
      ["田中", "tanaka"],
      ["渡辺", "watanabe"],
    ),
  },
  {
    script: "Korean",
    weight: 3,
    familyFirst: true,
    language: "ko-KR",
    given: pairs(["민준", "minjun"], ["서연", "seoyeon"], ["지호", "jiho"], ["하은", "haeun"]),
    family: pairs(["김", "kim"], ["이", "lee"], ["박", "park"], ["최", "choi"]),
  },
  {
    script: "Arabic",
    weight: 6,
    familyFirst: false,
    language: "ar-SA",
    given: pairs(
      ["محمد", "mohammed"],
      ["فاطمة", "fatima"],
      ["أحمد", "ahmed"],
      ["مريم", "maryam"],
      ["يوسف", "youssef"],
      ["ليلى", "layla"],
    ),
    family: pairs(
      ["العلي", "alali"],
      ["حداد", "haddad"],
      ["الخطيب", "alkhatib"],
      ["منصور", "mansour"],
      ["الشامي", "alshami"],
    ),
  },
];

export const JOB_TITLES = [
  "Accountant",
  "Sales Manager",
  "Engineer",
  "Nurse",
  "Office Manager",
  "Designer",
  "Analyst",
  "Technician",
  "Director",
  "Consultant",
  null,
];
export const DEPARTMENTS = [
  "Finance",
  "Sales",
  "Engineering",
  "Operations",
  "Marketing",
  "Human Resources",
  "Support",
  "Legal",
  null,
];
export const OFFICES = ["London", "Zürich", "Αθήνα", "Kyiv", "東京", "São Paulo", "Montréal", "Remote", null];
export const GUEST_DOMAINS = ["gmail.com", "outlook.com", "fabrikam.example", "northwind.example", "tailspin.example"];
