#include <iostream>
int main() { std::cout << "timecite\n"; return 0; }
