package dev.spotifylake.simulator.catalog;

import java.util.List;

/**
 * The vocabulary of generated names. Accents and apostrophes are on purpose: real artist and track names carry
 * them, and the MySQL seed and the lake must keep them intact. No backslashes: the SQL writer relies on that.
 */
final class Words {
    static final List<String> FIRST_NAMES = List.of(
            "Ada", "Björk", "Carlos", "Dua", "Élodie", "Femi", "Grace", "Hiro", "Ingrid", "Jalen", "Kiri", "Léa",
            "Marisol", "Nneka", "Oscar", "Priya", "Quinn", "Rosalía", "Sven", "Tomás", "Uma", "Valentina",
            "Wren", "Xavier", "Yara", "Zoë", "Aurora", "Bad", "Celeste", "Dário");
    static final List<String> LAST_NAMES = List.of(
            "Okafor", "Lindqvist", "Moreno", "O'Connell", "Nakamura", "Dubois", "Kowalski", "Ferreira", "Haddad",
            "Jensen", "Ramírez", "Schäfer", "Nguyen", "Adeyemi", "Rossi", "Park", "Müller", "Castillo", "Silva",
            "Ivanova", "D'Amico", "Øberg", "Mensah", "Kim", "Álvarez", "Fontaine", "Hoffman", "Reyes");
    static final List<String> ADJECTIVES = List.of(
            "Velvet", "Neon", "Silent", "Electric", "Golden", "Crimson", "Hollow", "Wild", "Paper", "Midnight",
            "Broken", "Lunar", "Glass", "Rusty", "Sunday", "Frozen", "Cosmic", "Little", "Burning", "Blue",
            "Lost", "Secret", "Sweet", "Tropical", "Young");
    static final List<String> NOUNS = List.of(
            "Wolves", "Echoes", "Rivers", "Machines", "Ghosts", "Tides", "Lanterns", "Satellites", "Horses",
            "Mirrors", "Parades", "Strangers", "Engines", "Dreamers", "Foxes", "Comets", "Oceans", "Pilots",
            "Shadows", "Kids", "Saints", "Sirens", "Cities", "Flowers", "Drums");
    static final List<String> TITLE_WORDS = List.of(
            "Love", "Night", "Fire", "Heart", "Summer", "Rain", "Gold", "Dance", "Home", "Stars", "Runaway",
            "Forever", "Tonight", "Paradise", "Shine", "Ocean", "Lights", "Dreams", "Corazón", "Ciel", "Sueño",
            "Alone", "Highway", "Electric", "Waves", "Señorita", "Don't", "Stop", "Fall", "Rise", "Wild",
            "Youth", "Bloom", "Echo", "Gravity", "Karma", "Sugar", "Thunder", "Velvet", "Mañana");
    static final List<String> TITLE_SUFFIXES = List.of(
            "", "", "", "", "", "", " - Remastered 2011", " - Live", " (Acoustic)", " - Radio Edit",
            " (Remix)", " - Single Version");
    static final List<String> GENRES = List.of(
            "pop", "dance pop", "indie rock", "modern rock", "alternative rock", "hip hop", "rap", "trap",
            "latin pop", "reggaeton", "k-pop", "j-pop", "edm", "house", "techno", "r&b", "soul", "funk", "jazz",
            "classical", "country", "folk", "indie folk", "metal", "punk", "blues", "afrobeats", "amapiano",
            "bossa nova", "mpb", "chanson", "schlager", "synthpop", "new wave", "lo-fi beats", "drill",
            "singer-songwriter", "gospel", "reggae", "dancehall");
    /** Names outside Latin script, some outside the Basic Multilingual Plane: utf8mb4 must hold them. */
    static final List<String> NON_LATIN_NAMES = List.of(
            "少年ナイフ", "Сплин", "빅뱅", "Μίκης", "ฟักกลิ้ง ฮีโร่", "周杰倫", "🌙 Moonchild", "Ёлка", "עומר אדם");
    /** ISRC country prefixes, weighted towards where most recordings are registered. */
    static final List<String> ISRC_COUNTRIES = List.of(
            "US", "US", "US", "GB", "GB", "SE", "DE", "FR", "BR", "KR", "JP", "NL", "CA", "AU", "ES", "MX", "QM",
            "QZ", "NG", "IT");

    private Words() {
    }
}
