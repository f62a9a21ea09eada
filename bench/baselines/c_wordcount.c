/*
 * Yardstick: a plain C word count on one core. ASCII letters and digits make
 * words (lowercased), every other byte separates them; words are counted in
 * an open-addressing hash table (FNV-1a). Files are read in 1 MiB blocks.
 * Compiled by the bench (cc -O2) into bench/.cache/.
 *
 *   c_wordcount DIR  ->  {"totalWords": N, "uniqueWords": N}
 */
#include <dirent.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define BLOCK (1 << 20)
#define MAX_WORD 4096

typedef struct { uint32_t hash; uint32_t len; char *key; uint64_t count; } Slot;

static Slot *slots;
static size_t capacity = 1 << 16, used;
static uint64_t total_words;

static void grow(void) {
  size_t next = capacity * 2;
  Slot *table = calloc(next, sizeof(Slot));
  for (size_t i = 0; i < capacity; i++) {
    if (slots[i].key == NULL) continue;
    size_t at = slots[i].hash & (next - 1);
    while (table[at].key != NULL) at = (at + 1) & (next - 1);
    table[at] = slots[i];
  }
  free(slots);
  slots = table;
  capacity = next;
}

static void count_word(const char *word, uint32_t len, uint32_t hash) {
  total_words++;
  size_t at = hash & (capacity - 1);
  while (slots[at].key != NULL) {
    if (slots[at].hash == hash && slots[at].len == len && memcmp(slots[at].key, word, len) == 0) {
      slots[at].count++;
      return;
    }
    at = (at + 1) & (capacity - 1);
  }
  char *key = malloc(len);
  memcpy(key, word, len);
  slots[at] = (Slot){ hash, len, key, 1 };
  if (++used * 2 > capacity) grow();
}

static void count_file(const char *path, unsigned char *block) {
  int fd = open(path, O_RDONLY);
  if (fd < 0) { perror(path); exit(1); }
  char word[MAX_WORD];
  uint32_t len = 0, hash = 2166136261u;
  ssize_t got;
  while ((got = read(fd, block, BLOCK)) > 0) {
    for (ssize_t i = 0; i < got; i++) {
      unsigned c = block[i];
      unsigned lower = c | 0x20;
      if ((c >= '0' && c <= '9') || (lower >= 'a' && lower <= 'z')) {
        if (c >= 'A' && c <= 'Z') c = lower;
        if (len < MAX_WORD) word[len++] = (char)c;
        hash = (hash ^ c) * 16777619u;
      } else if (len > 0) {
        count_word(word, len, hash);
        len = 0;
        hash = 2166136261u;
      }
    }
  }
  if (len > 0) count_word(word, len, hash);
  close(fd);
}

int main(int argc, char **argv) {
  if (argc != 2) { fprintf(stderr, "usage: %s DIR\n", argv[0]); return 2; }
  slots = calloc(capacity, sizeof(Slot));
  unsigned char *block = malloc(BLOCK);
  DIR *dir = opendir(argv[1]);
  if (dir == NULL) { perror(argv[1]); return 1; }
  struct dirent *entry;
  char path[4096];
  while ((entry = readdir(dir)) != NULL) {
    size_t n = strlen(entry->d_name);
    if (n < 4 || strcmp(entry->d_name + n - 4, ".txt") != 0) continue;
    snprintf(path, sizeof path, "%s/%s", argv[1], entry->d_name);
    count_file(path, block);
  }
  closedir(dir);
  printf("{\"totalWords\": %llu, \"uniqueWords\": %zu}\n", (unsigned long long)total_words, used);
  return 0;
}
