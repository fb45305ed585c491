// Larger inputs than a handler: a 1.5 MB module (streamed through a spill file) and 300 KB of mixed data, made
// here from a fixed seed so the repository keeps no large files. Deflate forks differ on inputs like these.
def random = new Random(1951)
def words = ['lambda', 'handler', 'event', 'context', 'return', 'import', 'json', 'bucket', 'table', 'record']
def big = new StringBuilder()
while (big.length() < 1_500_000) {
    big.append('VALUE_').append(random.nextInt(5000)).append(' = "')
    (1..random.nextInt(12)).each { big.append(words[random.nextInt(words.size())]).append(' ') }
    big.append('"\n')
}
new File(basedir, 'src/report/generated_constants.py').text = big.toString()
byte[] mixed = new byte[300_000]
for (int i = 0; i < mixed.length; i++) {
    def word = words[(int) (i / 97) % words.size()]
    mixed[i] = (byte) (i % 7 == 0 ? random.nextInt(256) : word.charAt(i % word.length()))
}
new File(basedir, 'src/report/data.bin').bytes = mixed
return true
