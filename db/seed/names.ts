// Names in many scripts, so lists, search and exports meet real-world text.
export const givenNames = [
  "Zoë", "José", "Ana", "Björn", "Søren", "Chloé", "François", "Łukasz", "Małgorzata", "Ümit", "Ayşe", "Nuño",
  "Olivia", "Liam", "Emma", "Noah", "Amelia", "Oliver", "Sophia", "Lucas", "Mia", "Ethan", "Isla", "Jack",
  "Δημήτρης", "Ελένη", "Александр", "Мария", "Дмитрий", "Ольга", "陈", "王", "李", "美咲", "翔太", "지훈", "서연",
  "محمد", "فاطمة", "Ngozi", "Chidi", "Aarav", "Priya", "Ravi", "Anaïs", "Renée", "Jürgen", "Åsa", "Zoe",
];

export const surnames = [
  "García", "Müller", "Østergaard", "Kowalski", "Nowak", "Dubois", "Lefèvre", "Smith", "Johnson", "Brown", "Williams",
  "Taylor", "Wilson", "Davies", "Evans", "Thomas", "Roberts", "Papadopoulos", "Иванов", "Смирнова", "张", "刘", "佐藤",
  "김", "박", "Al-Sayed", "Okafor", "Patel", "Sharma", "Yılmaz", "Öztürk", "Nguyễn", "Tran", "O'Brien", "van der Berg",
];

export const departments = ["Finance", "Sales", "Marketing", "Engineering", "Operations", "Human Resources", "Legal", "Support", "IT"];
export const jobTitles = ["Accountant", "Sales Manager", "Engineer", "Analyst", "Office Manager", "Director", "Consultant", "Designer", "Technician"];
export const offices = ["London", "Paris", "Berlin", "Madrid", "Warsaw", "Athens", "Remote", "New York", "Tokyo"];

export const deviceModels = [
  { os: "Windows", versions: ["10.0.19045", "10.0.22631", "10.0.26100"], manufacturer: "Dell Inc.", model: "Latitude 7440" },
  { os: "Windows", versions: ["10.0.22631", "10.0.26100"], manufacturer: "LENOVO", model: "ThinkPad T14 Gen 4" },
  { os: "macOS", versions: ["14.6.1", "15.1"], manufacturer: "Apple", model: "MacBook Pro" },
  { os: "iOS", versions: ["17.6", "18.1"], manufacturer: "Apple", model: "iPhone 15" },
  { os: "Android", versions: ["14", "15"], manufacturer: "samsung", model: "Galaxy S24" },
  { os: "Linux", versions: ["Ubuntu 24.04"], manufacturer: "Framework", model: "Laptop 13" },
];
