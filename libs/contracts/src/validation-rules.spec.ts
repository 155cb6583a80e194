import 'reflect-metadata';
import { IsInt, IsString, MaxLength, Min, ValidateNested, getMetadataStorage, validate } from 'class-validator';
import { Type, plainToInstance } from 'class-transformer';
import { rememberValidationRules } from './validation-rules';

class Place {
  @IsString()
  @MaxLength(5)
  country!: string;
}

class Base {
  @IsString()
  title!: string;
}

class Visit extends Base {
  @IsInt()
  @Min(1)
  days!: number;

  @ValidateNested()
  @Type(() => Place)
  place!: Place;
}

const failing = async (cls: new () => object, plain: object) =>
  (await validate(plainToInstance(cls, plain), { whitelist: true, forbidNonWhitelisted: true })).map((error) => error.property).sort();

describe('rememberValidationRules', () => {
  beforeAll(() => rememberValidationRules());

  it('keeps the rules of a class, its inherited ones and its nested classes, call after call', async () => {
    for (let i = 0; i < 3; i++) {
      expect(await failing(Visit, { title: 'Sahel', days: 3, place: { country: 'ML' } })).toEqual([]);
      expect(await failing(Visit, { title: 7, days: 0, place: { country: 'too long' } })).toEqual(['days', 'place', 'title']);
      expect(await failing(Visit, { title: 'Sahel', days: 3, place: { country: 'ML' }, extra: true })).toEqual(['extra']);
    }
    const storage = getMetadataStorage();
    // what makes it cheap: the same answer, not a new one, for the second lookup
    expect(storage.getTargetValidationMetadatas(Visit, '', false, false)).toBe(storage.getTargetValidationMetadatas(Visit, '', false, false));
  });

  it('sees a rule added after a lookup', async () => {
    class Late {
      @IsString()
      name!: string;
    }
    expect(await failing(Late, { name: 3 })).toEqual(['name']);
    // a rule declared later, as a class declared after the first validation would bring
    MaxLength(2)(Late.prototype, 'name');
    expect(await failing(Late, { name: 'abc' })).toEqual(['name']);
    expect(await failing(Late, { name: 'ab' })).toEqual([]);
  });

  it('is installed once, however often it is asked', () => {
    const storage = getMetadataStorage();
    const lookup = storage.getTargetValidationMetadatas;
    rememberValidationRules();
    expect(storage.getTargetValidationMetadatas).toBe(lookup);
  });
});
